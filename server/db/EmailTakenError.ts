/** A host already signed up with this email (compared case-insensitively); routes answer 409. */
export class EmailTakenError extends Error {
  readonly code = 'email_taken';
  constructor(readonly email: string) {
    super(`Vantage: a host with email ${email} already exists — sign in instead`);
    this.name = 'EmailTakenError';
  }
}
