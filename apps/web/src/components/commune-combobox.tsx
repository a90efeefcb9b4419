import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Commune } from '@lieux/contracts';
import { Field } from './field';
import { useCommunes } from '../api/communes';

export interface CommuneChoice {
  communeCode: string;
  postcode: string;
  name: string;
}

interface Option extends CommuneChoice {
  key: string;
  label: string;
  departementCode: string;
}

const MAX_OPTIONS = 20;

/** One option per commune and postcode: picking one fills both. A typed postcode keeps only its own. */
function optionsOf(communes: Commune[], q: string): Option[] {
  const digits = /^\d+$/.test(q.trim()) ? q.trim() : null;
  const out: Option[] = [];
  for (const c of communes) {
    for (const postcode of c.postcodes) {
      if (digits && !postcode.startsWith(digits)) continue;
      out.push({
        key: `${c.code}-${postcode}`,
        communeCode: c.code,
        postcode,
        name: c.name,
        departementCode: c.departementCode,
        label: `${c.name} (${postcode})`,
      });
    }
  }
  return out.slice(0, MAX_OPTIONS);
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface CommuneComboboxProps {
  /** The text box's id; one is made otherwise. */
  id?: string;
  label: string;
  value: CommuneChoice | null;
  onChange: (choice: CommuneChoice | null) => void;
  onBlur?: () => void;
  error?: string;
  hint?: string;
}

/**
 * Commune autocomplete, after the WAI-ARIA combobox pattern: type a name or a postcode, move with the
 * arrow keys, Enter picks, Escape closes; the focus stays in the text box.
 */
export function CommuneCombobox({ id, label, value, onChange, onBlur, error, hint }: CommuneComboboxProps) {
  const { t } = useTranslation();
  const listId = useId();
  // A commune known by its name only (a saved need's) shows without a postcode.
  const [text, setText] = useState(
    value ? (value.postcode ? `${value.name} (${value.postcode})` : value.name) : '',
  );
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const q = useDebounced(text.trim(), 200);
  const communes = useCommunes(value ? '' : q);
  const options = useMemo(() => optionsOf(communes.data?.items ?? [], q), [communes.data, q]);
  const searching = q.length >= 2 && !value;
  const expanded = open && searching && options.length > 0;

  const pick = (o: Option) => {
    setText(o.label);
    setOpen(false);
    setActive(-1);
    onChange({ communeCode: o.communeCode, postcode: o.postcode, name: o.name });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a + 1) % options.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length ? (a <= 0 ? options.length - 1 : a - 1) : -1));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const status = !searching
    ? ''
    : communes.isFetching && options.length === 0
      ? t('common.loading')
      : communes.data && options.length === 0
        ? t('communePicker.none')
        : open && options.length > 0
          ? t('communePicker.count', { count: options.length })
          : '';

  return (
    <Field id={id} className="combobox" label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <input
            ref={inputRef}
            {...control}
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              setActive(-1);
              if (value) onChange(null);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => setOpen(true)}
            onBlur={() => {
              setOpen(false);
              onBlur?.();
            }}
          />
          <ul id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!expanded}>
            {options.map((o, i) => (
              <li
                key={o.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="combobox__option"
                // Keep the focus in the text box while clicking.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o)}
              >
                {o.label}
                <span className="combobox__meta">
                  {' '}
                  · {t('communePicker.departement', { code: o.departementCode })}
                </span>
              </li>
            ))}
          </ul>
          <p className="visually-hidden" role="status" aria-live="polite">
            {status}
          </p>
        </>
      )}
    </Field>
  );
}
