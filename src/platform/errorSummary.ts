/** What may be logged about an error: its kind, a short message and an HTTP status, never a payload. */
export function errorSummary(error: unknown): { type: string; message: string; status?: number } {
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    return {
      type: error.name,
      message: error.message.slice(0, 200),
      ...(typeof status === 'number' ? { status } : {}),
    };
  }
  return { type: 'unknown', message: typeof error };
}
