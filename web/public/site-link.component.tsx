import type { MouseEvent, ReactNode } from 'react';
import { Link } from '@utrecht/component-library-react';
import { navigate } from './public.router.ts';

interface SiteLinkProps {
  href: string;
  children: ReactNode;
  className?: string;
}

/** A link to a page of this site, handled without a page load (and without a new history entry). */
export function SiteLink({ href, children, className }: SiteLinkProps) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    // Let the browser handle new-tab clicks and the like.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <Link href={href} onClick={onClick} className={className}>
      {children}
    </Link>
  );
}
