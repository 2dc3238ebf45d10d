/**
 * Past participles of agent nouns, for naming what a role did: `author` → `authored`, `editor`
 * → `edited`, `assignee` → `assigned`, so that `posts.author_id` gives `users.authoredPosts`
 * rather than `users.authorPosts`.
 *
 * The rule: strip the agent suffix (-or, -er, -ee) to get the verb, then form its past
 * participle. Suffix stripping alone would turn `user` into `used`, `order` into `ordered` and
 * `number` into `numbed`, so a word counts as an agent noun only when the verb it strips to is
 * in `VERBS`, the verbs schemas name roles after. Every other word has no participle here and
 * the caller keeps the noun (`<role><Targets>`).
 */

/**
 * Verbs whose agent nouns name roles, with the past participle where `regularParticiple` gets
 * it wrong (irregular verbs, doubled final consonants), else null.
 */
const VERBS: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ['approve', null], ['assign', null], ['attend', null], ['author', null], ['borrow', null],
  ['build', 'built'], ['buy', 'bought'], ['cancel', 'cancelled'], ['close', null], ['commit', 'committed'],
  ['complete', null], ['contribute', null], ['create', null], ['curate', null], ['delete', null],
  ['design', null], ['edit', null], ['employ', null], ['endorse', null], ['follow', null],
  ['import', null], ['invite', null], ['lend', 'lent'], ['maintain', null], ['manage', null],
  ['moderate', null], ['modify', null], ['organise', null], ['organize', null], ['own', null],
  ['pay', 'paid'], ['perform', null], ['produce', null], ['promote', null], ['publish', null],
  ['purchase', null], ['receive', null], ['refer', 'referred'], ['register', null], ['reject', null],
  ['report', null], ['request', null], ['resolve', null], ['review', null], ['sell', 'sold'],
  ['send', 'sent'], ['sign', null], ['sponsor', null], ['submit', 'submitted'], ['subscribe', null],
  ['supervise', null], ['teach', 'taught'], ['train', null], ['transfer', 'transferred'],
  ['translate', null], ['update', null], ['upload', null], ['verify', null], ['view', null],
  ['write', 'written'],
]);

const AGENT_SUFFIXES: readonly string[] = ['or', 'er', 'ee'];

/** `edited`, `created`, `verified`: the regular -ed form. */
function regularParticiple(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  return `${verb}ed`;
}

/**
 * The verbs `word` may be the agent noun of, most likely first: the word itself (`author`,
 * `sponsor` are verbs too), the stem without the suffix (`edit`or, `own`er, `assign`ee), with a
 * silent e restored (`creat`or → `create`, `approv`er → `approve`, `invit`ee → `invite`), with
 * a y restored (`verifi`er → `verify`) and with a doubled consonant undone (`submitt`er → `submit`).
 */
function candidateVerbs(word: string): string[] {
  const candidates = [word];
  for (const suffix of AGENT_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
    const stem = word.slice(0, -suffix.length);
    candidates.push(stem, `${stem}e`);
    if (stem.endsWith('i')) candidates.push(`${stem.slice(0, -1)}y`);
    if (stem.length > 2 && stem.charAt(stem.length - 1) === stem.charAt(stem.length - 2)) candidates.push(stem.slice(0, -1));
  }
  return candidates;
}

/** The past participle of the verb behind an agent noun (`editor` → `edited`), or null when `word` is not a known agent noun. */
export function agentParticiple(word: string): string | null {
  const isAgentNoun = AGENT_SUFFIXES.some((suffix) => word.endsWith(suffix));
  if (!isAgentNoun) return null;
  for (const verb of candidateVerbs(word)) {
    const irregular = VERBS.get(verb);
    if (irregular === undefined) continue;
    return irregular ?? regularParticiple(verb);
  }
  return null;
}

/**
 * The participle of a one-word role that is a known agent noun (`author` → [`authored`]), else
 * null. Longer roles keep their nouns: in `subscribed_editor` or `last_editor` the earlier words
 * describe the person, and `subscribedEdited…` would misread them.
 */
export function participleRoleWords(roleWords: readonly string[]): readonly string[] | null {
  if (roleWords.length !== 1) return null;
  const participle = agentParticiple(roleWords[0] as string);
  return participle === null ? null : [participle];
}
