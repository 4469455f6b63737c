/**
 * The parts of a report an officer works on: the written sections (text areas saved with the
 * report) and the generated sentences (editable; an edited one is marked "đã sửa", and when the
 * data changed since the edit, "số liệu đã thay đổi" with the new generated text beside it and the
 * choice to take it or keep the edit; nothing is replaced silently).
 */
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';
import { errorText } from '../../components/formErrors';
import type { ReportDocumentDto, ReportDto } from '../../../../shared/ipc/contracts/reports.contract';
import { WRITTEN_SECTIONS, WRITTEN_SECTION_TITLES, type WrittenSection } from '../../../../shared/domain/report/report';
import { REPORTS } from './texts';

const T = REPORTS.editor;

function WrittenSectionEditor({
  report,
  section,
  readOnly,
  onSaved,
}: {
  report: ReportDto;
  section: WrittenSection;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const stored = report.sections[section] ?? '';
  const [text, setText] = useState(stored);
  const [saving, setSaving] = useState(false);
  const dirty = text !== stored;
  const title = WRITTEN_SECTION_TITLES[section];
  const save = async () => {
    setSaving(true);
    try {
      await call('reports.update', { id: report.id, sections: { [section]: text } });
      notifications.show({ color: 'green', message: T.saved });
      onSaved();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Textarea
        label={
          <Group gap={6} component="span">
            <span>{title}</span>
            {dirty && (
              <Badge size="xs" color="yellow" component="span">
                {T.unsaved}
              </Badge>
            )}
          </Group>
        }
        aria-label={title}
        placeholder={readOnly ? '' : T.notWritten}
        autosize
        minRows={3}
        maxRows={14}
        value={text}
        readOnly={readOnly}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {!readOnly && (
        <Group justify="flex-end">
          <Button size="xs" onClick={() => void save()} loading={saving} disabled={!dirty}>
            {T.save}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function WrittenSections({ report, readOnly, onSaved }: { report: ReportDto; readOnly: boolean; onSaved: () => void }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {T.written}
      </Title>
      <Stack gap="sm">
        {WRITTEN_SECTIONS.map((s) => (
          <WrittenSectionEditor
            key={`${report.id}-${s}-${report.updatedAt}`}
            report={report}
            section={s}
            readOnly={readOnly}
            onSaved={onSaved}
          />
        ))}
      </Stack>
    </Paper>
  );
}

type Para = Extract<ReportDocumentDto['body'][number], { kind: 'paragraph' }>;

/** Each generated sentence with the heading it sits under. */
function sentencesOf(doc: ReportDocumentDto): { title: string; para: Para }[] {
  const out: { title: string; para: Para }[] = [];
  let title = '';
  for (const b of doc.body) {
    if (b.kind === 'heading') title = `${b.label} ${b.text}`;
    else if (b.kind === 'paragraph' && b.key?.startsWith('sentence.')) out.push({ title, para: b });
  }
  return out;
}

function SentenceEditor({
  reportId,
  title,
  para,
  readOnly,
  onSaved,
}: {
  reportId: string;
  title: string;
  para: Para;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const text = para.runs.map((r) => r.text).join('');
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (value: string | null) => {
    setSaving(true);
    try {
      await call('reports.update', { id: reportId, edits: { [para.key!]: value } });
      setDraft(null);
      notifications.show({ color: 'green', message: T.saved });
      onSaved();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap={4} component="section" aria-label={title} data-key={para.key}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {para.origin === 'edited' && (
          <Badge size="sm" color="blue" variant="light">
            {T.edited}
          </Badge>
        )}
        {para.stale && (
          <Badge size="sm" color="orange">
            {T.stale}
          </Badge>
        )}
      </Group>
      {draft === null ? (
        <Text size="sm" data-testid="sentence-text" style={{ textAlign: 'justify' }}>
          {text}
        </Text>
      ) : (
        <Textarea aria-label={`${T.edit}: ${title}`} autosize minRows={2} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
      )}
      {para.stale && para.generated !== undefined && (
        <Paper withBorder p="xs" bg="orange.0" data-testid="sentence-new">
          <Text size="xs" fw={600}>
            {T.newText}
          </Text>
          <Text size="sm">{para.generated}</Text>
        </Paper>
      )}
      {!readOnly && (
        <Group gap="xs" justify="flex-end">
          {draft === null ? (
            <>
              {para.stale && (
                <>
                  <Button size="xs" variant="light" color="orange" loading={saving} onClick={() => void save(null)}>
                    {T.useNew}
                  </Button>
                  <Button size="xs" variant="default" loading={saving} onClick={() => void save(text)}>
                    {T.keepMine}
                  </Button>
                </>
              )}
              {para.origin === 'edited' && !para.stale && (
                <Button size="xs" variant="subtle" loading={saving} onClick={() => void save(null)}>
                  {T.revert}
                </Button>
              )}
              <Button size="xs" variant="light" onClick={() => setDraft(text)}>
                {T.edit}
              </Button>
            </>
          ) : (
            <>
              <Button size="xs" variant="default" onClick={() => setDraft(null)}>
                {T.cancel}
              </Button>
              <Button size="xs" loading={saving} onClick={() => void save(draft)}>
                {T.save}
              </Button>
            </>
          )}
        </Group>
      )}
    </Stack>
  );
}

export function GeneratedSentences({
  reportId,
  doc,
  readOnly,
  onSaved,
}: {
  reportId: string;
  doc: ReportDocumentDto;
  readOnly: boolean;
  onSaved: () => void;
}) {
  return (
    <Paper withBorder p="md">
      <Title order={4}>{T.generated}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {T.generatedHint}
      </Text>
      <Stack gap="md">
        {sentencesOf(doc).map(({ title, para }) => (
          <SentenceEditor key={para.key} reportId={reportId} title={title} para={para} readOnly={readOnly} onSaved={onSaved} />
        ))}
      </Stack>
    </Paper>
  );
}
