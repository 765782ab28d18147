import { z } from 'zod';

//   POST   /api/password-reset          PasswordResetRequestBody → 202 PasswordResetAnswer  (public)
//   POST   /api/password-reset/confirm  PasswordResetConfirmBody → 200 PasswordResetAnswer  (public)
// The first answers the same, as fast, whether or not the email has an account; the link is
// mailed by a worker. The second sets the password once per link and ends every session.

export const PasswordResetRequestBodySchema = z.object({ email: z.email('Enter the email address you sign in with.').max(320) });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBodySchema>;

export const PasswordResetConfirmBodySchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'The reset link is malformed: open the whole link from the email.'),
  password: z.string().min(10, 'Choose a password of at least 10 characters.').max(1000),
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBodySchema>;

export const PasswordResetAnswerSchema = z.object({ message: z.string() });
export type PasswordResetAnswer = z.infer<typeof PasswordResetAnswerSchema>;
