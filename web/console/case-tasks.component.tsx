import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph, Textarea } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.client.ts';
import type { CaseDetail, CaseTask } from './api.types.ts';
import { DeadlineBadge, formatDay } from './cases.view.tsx';
import { useCan, useConsole } from './console.context.ts';
import { errorText } from './error-text.ts';
import { Field } from './field.component.tsx';
import { FormAlert } from './form-alert.component.tsx';

type TaskAction = 'complete' | 'extend' | 'skip';

/**
 * Tasks with a deadline on a melding: informing the people involved (4 weeks; extend by 2 weeks or
 * skip, both with a reason), feedback to the reporter, starting an investigation.
 */
export function CaseTasks({ detail, onChanged }: { detail: CaseDetail; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  if (detail.tasks.length === 0) return null;
  return (
    <section aria-labelledby="case-tasks" className="signaal-section">
      <Heading2 id="case-tasks">{t('caseTasks.title')}</Heading2>
      {detail.tasks.map((task) => (
        <TaskItem key={`${task.id}-${task.extensions}-${task.outcome ?? ''}`} caseId={detail.id} task={task} onChanged={onChanged} />
      ))}
    </section>
  );
}

function TaskItem({ caseId, task, onChanged }: { caseId: string; task: CaseTask; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const can = useCan();
  const headingId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = task.outcome === null;
  const informing = task.kind === 'informeren';

  const act = async (action: TaskAction, event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (action !== 'complete' && !text.trim()) {
      setError(t('caseTasks.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.caseTask(caseId, task.id, action, text.trim());
      onChanged(t(`caseTasks.done.${action}`));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? err.message : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby={headingId} className="signaal-panel">
      <Heading3 id={headingId}>{t(`caseTasks.kinds.${task.kind}`)}</Heading3>
      <Paragraph>
        {t('caseTasks.due', { date: formatDay(task.due, i18n.language) })} <DeadlineBadge state={task.deadline} />
        {task.extensions > 0 ? ` ${t('caseTasks.extended', { count: task.extensions })}` : ''}
      </Paragraph>
      {!open ? <Paragraph>{t(`caseTasks.outcome.${task.outcome}`)}{task.reason ? `: ${task.reason}` : ''}</Paragraph> : null}
      {open && can('cases:handle') ? (
        <form onSubmit={(e) => void act('complete', e)} noValidate className="signaal-form">
          <FormAlert message={error} />
          <Field label={informing ? t('caseTasks.noteOrReason') : t('caseTasks.note')}>
            {(c) => <Textarea {...c} name={`task-${task.id}`} rows={2} maxLength={2000} value={text} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />}
          </Field>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
              {t('caseTasks.complete')}
            </Button>
            {informing ? (
              <>
                <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => void act('extend')}>
                  {t('caseTasks.extend')}
                </Button>
                <Button type="button" appearance="subtle-button" disabled={busy} onClick={() => void act('skip')}>
                  {t('caseTasks.skip')}
                </Button>
              </>
            ) : null}
          </ButtonGroup>
        </form>
      ) : null}
    </article>
  );
}
