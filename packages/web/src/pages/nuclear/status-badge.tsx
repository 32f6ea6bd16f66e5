/** A limit's status in colour and in words: the colour is never the only signal. */
export function StatusBadge({ status }: { status: 'within' | 'breach' | 'unknown' }) {
  const symbol = status === 'breach' ? '✕' : status === 'within' ? '✓' : '?';
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{symbol}</span> {status}
    </span>
  );
}
