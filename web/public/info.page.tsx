import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blocks } from './text-blocks.ts';

// A public information page whose text an admin edits (plain text: an empty line starts a new
// paragraph, "- " a list item). A lazy chunk, like the chat.

type Page = { title: string; body: string };
export function InfoPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState<Page | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/public/pages/${encodeURIComponent(slug)}?lang=${i18n.language === 'en' ? 'en' : 'nl'}`, { signal: abort.signal, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<Page>) : Promise.reject(new Error(String(r.status)))))
      .then((p) => {
        setPage(p);
        document.title = `${p.title} – Veilig Thuis`;
      })
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [slug, i18n.language]);

  if (failed) {
    return <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{t('placeholder.notFound')}</h1>;
  }
  return (
    <>
      <h1 className="utrecht-heading-1" id="page-title" tabIndex={-1}>{page?.title ?? ''}</h1>
      {page &&
        blocks(page.body).map((b, i) =>
          b.kind === 'p' ? (
            <p className="utrecht-paragraph" key={i}>{b.text}</p>
          ) : (
            <ul className="utrecht-unordered-list" key={i}>{b.items.map((item) => <li key={item}>{item}</li>)}</ul>
          ),
        )}
    </>
  );
}
