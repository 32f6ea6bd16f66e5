import { talksPasswordMinScore } from '@lockstep/contract';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { TalksError } from './talks-error.ts';

let estimator: ZxcvbnFactory | undefined;

/** zxcvbn-ts with its common-password and English dictionaries, built once on first use (about 0.3 s). */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Words a password must not lean on: the product, the talks, and the account's own names. */
const contextWords = ['lockstep', 'jcpoa', 'vienna', 'iran', 'nuclear', 'sanctions', 'talks', 'coordinator'];

/**
 * Refuses (422 naming `field`) a password that is easy to guess: one of the common passwords zxcvbn knows,
 * blank, or scored below `talksPasswordMinScore` (3 of 4), with the account's username and display name
 * counted as known to an attacker. The length limits are the contract's (`Password`). The answer says why and
 * what would pass, never echoing the password.
 */
export function checkPasswordStrength(
  password: string,
  account: { readonly username?: string | undefined; readonly displayName?: string | undefined },
  field = 'password',
): void {
  if (password.trim() === '') {
    throw new TalksError(422, `${field}: a password cannot be only spaces`, field);
  }
  const userInputs = [account.username, account.displayName, ...contextWords].filter(
    (word): word is string => word !== undefined && word !== '',
  );
  const result = zxcvbn().check(password, userInputs);
  if (result.score >= talksPasswordMinScore) return;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new TalksError(
    422,
    `${field}: too easy to guess (strength ${result.score} of 4, at least ${talksPasswordMinScore} needed)${why ? `: ${why}` : ''} A passphrase of four or more unrelated words passes.`,
    field,
  );
}
