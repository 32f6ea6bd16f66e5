import { talksPasswordLength } from '@lockstep/contract';
import { FormCheckError } from './use-form-action.ts';

/** What the server accepts as a new password, in words (it checks the strength; the page checks the length). */
export const passwordRule = `${talksPasswordLength.min} to ${talksPasswordLength.max} characters, and not a common or easily guessed one: a passphrase of four or more unrelated words passes`;

/**
 * A new password typed twice, named `name` and `${name}Again` in the form, with the rule it must meet. The
 * first field is marked invalid when the server named `name` as the field at fault.
 */
export function NewPasswordFields({
  name = 'password',
  label = 'Password',
  invalid = false,
}: {
  name?: string;
  label?: string;
  invalid?: boolean;
}) {
  return (
    <>
      <label>
        {label}
        <input
          name={name}
          type="password"
          autoComplete="new-password"
          required
          minLength={talksPasswordLength.min}
          maxLength={talksPasswordLength.max}
          aria-invalid={invalid}
          aria-describedby={`${name}-rule`}
        />
      </label>
      <label>
        {label} again
        <input
          name={`${name}Again`}
          type="password"
          autoComplete="new-password"
          required
          minLength={talksPasswordLength.min}
          maxLength={talksPasswordLength.max}
        />
      </label>
      <p className="hint" id={`${name}-rule`}>
        {passwordRule}.
      </p>
    </>
  );
}

/** The new password of `NewPasswordFields` named `name`; refuses (naming the field) two that differ. */
export function newPasswordOf(form: FormData, name = 'password'): string {
  const password = String(form.get(name) ?? '');
  if (password !== String(form.get(`${name}Again`) ?? '')) {
    throw new FormCheckError(`${name}: the two passwords differ: type the same one twice`, name);
  }
  return password;
}
