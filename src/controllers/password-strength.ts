/** How strong a new password looks from its length alone, the one thing that reliably makes it stronger. */
export type PasswordStrength = 'short' | 'fair' | 'good' | 'strong';

/**
 * A strength hint computed in the page from the length in code points (NIST SP 800-63B-4 §3.1.1.2 counts them
 * so): below the backend's minimum, up to 5 more, up to 10 more, beyond. No dictionary ships to the browser:
 * the backend checks breached passwords, and says so when it refuses one.
 */
export function passwordStrength(password: string, minLength: number): PasswordStrength {
  const length = [...password].length;
  if (length < minLength) return 'short';
  if (length < minLength + 5) return 'fair';
  if (length < minLength + 10) return 'good';
  return 'strong';
}
