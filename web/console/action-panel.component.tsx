import { useId, type ReactNode } from 'react';
import { Heading3 } from '@utrecht/component-library-react';

/** One step or action on a case page: a titled panel the screen reader can jump to. */
export function ActionPanel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="signaal-panel signaal-case-action">
      <Heading3 id={headingId}>{title}</Heading3>
      {children}
    </section>
  );
}
