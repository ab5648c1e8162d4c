/** Expected failures, shown to API users with a code; everything else is masked. */
export interface Candidate {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'AMBIGUOUS' | 'BAD_USER_INPUT' | 'CONFLICT' | 'UNAUTHENTICATED',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends UserFacingError {
  constructor(what: string, name: string, candidates: Candidate[]) {
    const hint = candidates.length ? ` Did you mean: ${candidates.map((c) => `${c.name}${c.nameEn ? ` (${c.nameEn})` : ''}`).join(', ')}?` : '';
    super(`No ${what} named "${name}".${hint}`, 'NOT_FOUND', { name, candidates });
  }
}

export class AmbiguousError extends UserFacingError {
  constructor(name: string, candidates: Candidate[]) {
    super(
      `"${name}" names ${candidates.length} entities: ${candidates.map((c) => `${c.name} [${c.id}]`).join(', ')}. Pass an id or a kind.`,
      'AMBIGUOUS',
      { name, candidates },
    );
  }
}

export class BadInputError extends UserFacingError {
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, 'BAD_USER_INPUT', { argument });
  }
}
