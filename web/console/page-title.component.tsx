import { useEffect, useRef, type ReactNode } from 'react';
import { Heading } from '@utrecht/component-library-react';

/**
 * The one h1 of a view. It takes focus when the view opens, so screen reader users hear
 * where they landed after a navigation or a login step.
 */
export function PageTitle({ children, documentTitle }: { children: ReactNode; documentTitle: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${documentTitle} – Signaal`;
  }, [documentTitle]);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Heading level={1} ref={ref} tabIndex={-1} id="page-title">
      {children}
    </Heading>
  );
}
