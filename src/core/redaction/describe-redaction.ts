import { SecretCounts } from './redact-text';
import { SECRET_LABELS, SecretKind } from './secret-patterns';

/** "Replaced 2 secrets before sending: 1 AWS access key id, 1 private key (PEM)." */
export function describeRedaction(secrets: SecretCounts): string {
  const parts = (Object.entries(secrets) as [SecretKind, number][]).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${SECRET_LABELS[kind]}`);
  const total = Object.values(secrets).reduce((a, b) => a + (b ?? 0), 0);
  return `Replaced ${total} secret${total === 1 ? '' : 's'} before sending: ${parts.join(', ')}. The model saw placeholders; turn this off with the "switchboard.redaction" setting.`;
}
