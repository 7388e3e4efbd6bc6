/**
 * Which revisions cover a state, without the revisions' text: small enough for the scenario widget's browser code,
 * which marks a revised state as the reader changes the controls.
 */

/** A revision as a widget needs it: where it is listed, when, its title, and the families of states it covers. */
export interface RevisionMark {
  id: string;
  date: string;
  title: string;
  /** Each family: the parameters it fixes (canonical names and values); every parameter it leaves out takes any value. */
  families: Record<string, string>[];
}

/** True when a family of states contains the state with these complete parameters. */
export function familyCovers(family: Readonly<Record<string, string>>, params: Readonly<Record<string, string>>): boolean {
  return Object.entries(family).every(([name, value]) => params[name] === value);
}

/** The marks of the revisions that cover a state, in the order given (oldest first). */
export function marksCovering(marks: readonly RevisionMark[], params: Readonly<Record<string, string>>): RevisionMark[] {
  return marks.filter((mark) => mark.families.some((family) => familyCovers(family, params)));
}
