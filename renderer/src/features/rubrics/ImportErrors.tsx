import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/formErrors';

/**
 * A refused file: the first line of the message, then every problem as a list item (the backend
 * sends them one per detail, so the person can fix the whole file at once).
 */
export function ImportErrors({ error, onClose }: { error: unknown; onClose: () => void }) {
  if (!error) return null;
  const message = errorText(error);
  const details = error instanceof ApiError ? Object.values(error.details) : [];
  const head = message.split('\n')[0] ?? message;
  return (
    <Alert color="red" role="alert" withCloseButton onClose={onClose} closeButtonLabel="Đóng thông báo">
      <Text size="sm" fw={500}>
        {head}
      </Text>
      {details.length > 0 && (
        <List size="sm" mt={4} spacing={2}>
          {details.map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
