import { Alert, Paragraph } from '@utrecht/component-library-react';

/** Error or success message; role=alert/status makes screen readers announce it at once. */
export function FormAlert({ message, type = 'error' }: { message: string | null; type?: 'error' | 'ok' | 'info' | 'warning' }) {
  if (!message) return null;
  return (
    <Alert type={type} role={type === 'error' ? 'alert' : 'status'} className="signaal-alert">
      <Paragraph>{message}</Paragraph>
    </Alert>
  );
}
