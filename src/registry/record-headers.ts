/** A header's value as kafkajs hands it over: repeated headers come as an array, and a header sent with no value as null. */
export type HeaderValue = Buffer | string | null | (Buffer | string | null)[] | undefined;

/** The first value of a header as text; null when it is absent or was sent with no value. */
export function headerText(value: HeaderValue): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  return typeof first === 'string' ? first : first.toString('utf8');
}
