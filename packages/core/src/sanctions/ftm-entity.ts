/**
 * A FollowTheMoney entity as its JSON form writes it: an id, a schema name (`Sanction`, `Person`,
 * `Organization`, `LegalEntity`, `Vessel`, `Address`...) and properties, each a list of strings. FTM
 * properties are multi-valued; an absent property and an empty list mean the same.
 */
export interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Readonly<Record<string, readonly string[]>>;
}
