import { Alert, List, Stack, Title } from '@mantine/core';
import { COMING_SOON, type SectionText } from '../../app/texts';

/** What an empty section will hold: said plainly, with no sample figures. */
export function ComingSoon({ section }: { section: SectionText }) {
  return (
    <Stack gap="md" maw={760}>
      <Title order={2}>{section.label}</Title>
      <Alert variant="light" color="gray" title={COMING_SOON.title}>
        {COMING_SOON.intro}
        <List mt="xs" size="sm">
          {(section.upcoming ?? []).map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
