/**
 * Shapes what the gateway sends to a session-based client for its protocol revision: fields and
 * content types a revision does not define are not sent. Services describe tools, resources and
 * prompts in the newest form; each client gets the form of its revision. Pure.
 */

/** The first revision that defines each field or content type. */
const SINCE = {
  annotations: '2025-03-26',
  audio: '2025-03-26',
  title: '2025-06-18',
  outputSchema: '2025-06-18',
  structuredContent: '2025-06-18',
  resourceLink: '2025-06-18',
  icons: '2025-11-25',
  execution: '2025-11-25',
} as const;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `item` without the keys the revision does not define. */
function strip(item: unknown, version: string, keys: readonly (keyof typeof SINCE)[]): unknown {
  if (!isObject(item)) return item;
  const dropped = keys.filter((k) => version < SINCE[k] && k in item);
  if (dropped.length === 0) return item;
  const copy = { ...item };
  for (const k of dropped) delete copy[k];
  return copy;
}

function stripList(result: Json, key: string, version: string, keys: (keyof typeof SINCE)[]) {
  const items = result[key];
  if (!Array.isArray(items)) return result;
  return { ...result, [key]: items.map((i) => strip(i, version, keys)) };
}

/** A content block the revision cannot show, said in text instead. */
function downgradeContent(block: unknown, version: string): unknown {
  if (!isObject(block)) return block;
  if (block['type'] === 'audio' && version < SINCE.audio) {
    return { type: 'text', text: '[audio content omitted: this protocol revision has no audio]' };
  }
  if (block['type'] === 'resource_link' && version < SINCE.resourceLink) {
    const name = typeof block['name'] === 'string' ? ` (${block['name']})` : '';
    return { type: 'text', text: `Resource: ${String(block['uri'])}${name}` };
  }
  return strip(block, version, ['icons', 'title']);
}

/** A tool result in the form of the revision. */
function toolResult(result: Json, version: string): Json {
  let out = result;
  if (Array.isArray(result['content'])) {
    out = { ...out, content: result['content'].map((c) => downgradeContent(c, version)) };
  }
  if (version < SINCE.structuredContent && isObject(result['structuredContent'])) {
    // Before structured content, the data travels as JSON text, as the spec advises.
    const { structuredContent, ...rest } = out;
    const content: unknown[] = Array.isArray(rest['content']) ? (rest['content'] as unknown[]) : [];
    out = {
      ...rest,
      content: [...content, { type: 'text', text: JSON.stringify(structuredContent) }],
    };
  }
  return out;
}

/** The result of `method` as a client of `version` may receive it. */
export function forRevision(version: string, method: string, result: unknown): unknown {
  // Every field above is defined from 2025-11-25 on: newer clients get results as they are.
  if (version >= SINCE.icons || !isObject(result)) return result;
  switch (method) {
    case 'tools/list':
      return stripList(result, 'tools', version, [
        'annotations',
        'title',
        'outputSchema',
        'icons',
        'execution',
      ]);
    case 'resources/list':
      return stripList(result, 'resources', version, ['title', 'icons']);
    case 'resources/templates/list':
      return stripList(result, 'resourceTemplates', version, ['title', 'icons']);
    case 'prompts/list': {
      const prompts = result['prompts'];
      if (!Array.isArray(prompts)) return result;
      return {
        ...result,
        prompts: prompts.map((p) => {
          const q = strip(p, version, ['title', 'icons']);
          if (!isObject(q) || !Array.isArray(q['arguments'])) return q;
          return { ...q, arguments: q['arguments'].map((a) => strip(a, version, ['title'])) };
        }),
      };
    }
    case 'tools/call':
    case 'tasks/result':
      return toolResult(result, version);
    case 'prompts/get': {
      const messages = result['messages'];
      if (!Array.isArray(messages)) return result;
      return {
        ...result,
        messages: (messages as unknown[]).map((m) =>
          isObject(m) ? { ...m, content: downgradeContent(m['content'], version) } : m,
        ),
      };
    }
    default:
      return result;
  }
}
