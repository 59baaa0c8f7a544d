// An admin's plain text as blocks: an empty line starts a paragraph, "- " a list item.

export type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

export function blocks(body: string): Block[] {
  return body
    .split(/\n\s*\n/)
    .map((chunk) => chunk.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0)
    .flatMap((lines): Block[] => {
      const out: Block[] = [];
      for (const line of lines) {
        if (line.startsWith('- ')) {
          const last = out.at(-1);
          if (last?.kind === 'ul') last.items.push(line.slice(2));
          else out.push({ kind: 'ul', items: [line.slice(2)] });
        } else {
          out.push({ kind: 'p', text: line });
        }
      }
      return out;
    });
}
