/**
 * A one-time message for the login page ("your password was changed", "your account was deleted"),
 * kept in sessionStorage: the navigation state can be replaced by the sign-in guard's own redirect
 * when the session ends in the same moment.
 */
export type LoginNotice = 'passwordChanged' | 'accountDeleted';
const KEY = 'lieux.loginNotice';

export function setLoginNotice(notice: LoginNotice): void {
  try {
    sessionStorage.setItem(KEY, notice);
  } catch {
    // storage unavailable: no message
  }
}

export function peekLoginNotice(): LoginNotice | null {
  try {
    const v = sessionStorage.getItem(KEY);
    return v === 'passwordChanged' || v === 'accountDeleted' ? v : null;
  } catch {
    return null;
  }
}

export function clearLoginNotice(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
