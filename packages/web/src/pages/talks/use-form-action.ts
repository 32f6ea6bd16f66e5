import { type FormEvent, useCallback, useState } from 'react';
import { failureMessage, TalksCallError } from './talks-api.ts';

/** A form's submission in progress and its outcome: busy, or the server's sentence and the field at fault. */
export interface FormAction {
  readonly busy: boolean;
  /** The sentence to show (the server's, or the page's own check), until the next submission. */
  readonly error: string | undefined;
  /** The request field the server named (`password`, `setupCode`), to mark its input. */
  readonly field: string | undefined;
  /** An `onSubmit` handler that runs `work` with the form's data (and element), keeping its failure. */
  submit(
    work: (form: FormData, element: HTMLFormElement) => Promise<void>,
  ): (event: FormEvent<HTMLFormElement>) => Promise<void>;
}

/** A check the page makes before asking the server (two passwords that differ), naming the field at fault. */
export class FormCheckError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * The submission state of one talks form. A failed request keeps the server's one sentence (for a 409, with
 * the note that the page now shows the current version) and the field it named; a new submission clears both.
 */
export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; field: string | undefined }>();
  const submit = useCallback(
    (work: (form: FormData, element: HTMLFormElement) => Promise<void>) =>
      async (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        setBusy(true);
        setFailure(undefined);
        try {
          await work(form, element);
        } catch (error) {
          setFailure({
            message: failureMessage(error),
            field:
              error instanceof TalksCallError || error instanceof FormCheckError ? error.field : undefined,
          });
        } finally {
          setBusy(false);
        }
      },
    [],
  );
  return { busy, error: failure?.message, field: failure?.field, submit };
}
