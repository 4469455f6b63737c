import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQuery } from '../api/client';
import { SetupWizard } from '../features/setup/SetupWizard';
import { Shell } from './Shell';
import { SHELL } from './texts';

/** First run shows the set-up; afterwards the shell. */
export function App() {
  const office = useQuery('office.get', {});
  const info = useQuery('app.info', {});

  if (office.error || info.error) {
    return (
      <Center h="100%">
        <Stack>
          <Alert color="red" title={SHELL.loadError}>
            {(office.error ?? info.error)?.message}
          </Alert>
          <Button
            onClick={() => {
              office.reload();
              info.reload();
            }}
          >
            {SHELL.retry}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (office.data === undefined || info.data === undefined) {
    return (
      <Center h="100%">
        <Loader aria-label={SHELL.loading} />
      </Center>
    );
  }
  if (office.data === null) return <SetupWizard today={info.data.today} onDone={office.reload} />;
  return <Shell office={office.data} info={info.data} />;
}
