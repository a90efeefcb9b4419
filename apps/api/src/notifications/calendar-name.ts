/**
 * A person's name as the CN parameter of an ATTENDEE or ORGANIZER line. RFC 5545 (3.2) allows no
 * escaping in a parameter value: a quoted value may hold `;`, `:` and `,` but never a `"` nor a control
 * character. ical-generator always quotes CN but escapes `"`, `\` and line breaks with backslashes,
 * which calendar parsers take for the end of the value or keep as they are. So those characters are
 * replaced here, before it quotes: `"` by `'`, line breaks, other controls and `\` by spaces. Every
 * invitation's names go through it.
 */
export function calendarName(name: string): string {
  return [...name]
    .map((c) => {
      if (c === '"') return "'";
      const code = c.charCodeAt(0);
      return code < 0x20 || code === 0x7f || c === '\\' ? ' ' : c;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
