import type { MouseEvent, ReactNode } from 'react';
import { Link } from '@utrecht/component-library-react';
import { href, navigate } from './console.router.ts';

interface ConsoleLinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
}

/** A link to a console view; plain clicks navigate without a page load. */
export function ConsoleLink({ to, children, ...rest }: ConsoleLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={href(to)} onClick={onClick} {...rest}>
      {children}
    </Link>
  );
}
