/** Errors that domain modules throw; routes turn them into HTTP responses (utils/http.server.ts). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class AccessDeniedError extends DomainError {
  constructor(message = "Keine Berechtigung") {
    super(message, 403);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "Nicht gefunden") {
    super(message, 404);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 400);
  }
}
