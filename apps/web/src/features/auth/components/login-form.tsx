import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import type { LoginRequest, LoginResponse } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { useLogin } from '../api/login';

/** The shared request's rules, with messages (locale keys) from the locale files. */
const LoginFormSchema = z.object({
  email: z.email({ error: 'login.errors.email' }).max(254, { error: 'login.errors.email' }),
  password: z.string().min(1, { error: 'login.errors.password' }).max(200),
}) satisfies z.ZodType<LoginRequest>;
type LoginFormValues = z.infer<typeof LoginFormSchema>;

/** `demoHint`: the demo accounts are loaded on this deployment, say how to sign in with one. */
export function LoginForm({
  onSuccess,
  demoHint = false,
}: {
  onSuccess: (res: LoginResponse) => void;
  demoHint?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const loginMutation = useLogin({ onSuccess });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginFormValues>({
    resolver: zodResolver(LoginFormSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit((values) => loginMutation.mutate(values));

  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={demoHint ? `${id}-hint` : undefined}
    >
      {loginMutation.isError && (
        <div className="alert alert--error" role="alert">
          {errorMessage(loginMutation.error, t)}
        </div>
      )}
      <Field label={t('login.email')} error={errors.email && t(errors.email.message ?? 'login.errors.email')}>
        {(c) => <input {...c} type="email" autoComplete="username" {...register('email')} />}
      </Field>
      <Field
        label={t('login.password')}
        error={errors.password && t(errors.password.message ?? 'login.errors.password')}
      >
        {(c) => <input {...c} type="password" autoComplete="current-password" {...register('password')} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? t('login.submitting') : t('login.submit')}
      </button>
      {demoHint && (
        <p className="form__hint" id={`${id}-hint`}>
          {t('login.demoHint')}
        </p>
      )}
    </form>
  );
}
