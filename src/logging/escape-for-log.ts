const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides,
 * plus the backslash that starts an escape: what could end a log line early or make it read
 * other than it is.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from outside (an applicationUuid, a host, a label, a reason quoting them) made safe for
 * one log line: every unsafe character is written as a backslash escape, anything else is kept.
 */
export function escapeForLog(text: string): string {
  return text.replace(
    UNSAFE,
    (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
