// Pure, so that core's own schemas (the beacon's) and the routes' share one wording for a bad body.

/**
 * An object schema's message: valibot reports a missing key, an unknown key (strict objects) and a
 * non-object alike on the object itself, so this says which, in the words a caller needs.
 */
export const objectMessage =
  (missing: Record<string, string>, notAnObject = "Send a JSON object") =>
  (issue: { expected: string | null; input: unknown; type: string }): string => {
    if (issue.expected === "never") return `Unknown field ${JSON.stringify(String(issue.input))}`;
    const key = issue.expected?.startsWith('"') ? issue.expected.slice(1, -1) : null;
    return (key && missing[key]) ?? notAnObject;
  };
