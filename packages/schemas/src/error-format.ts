import type { ErrorObject } from 'ajv';

/** One validation failure: where (a JSON Pointer into the value, '' for the root) and what. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

function pointerSegment(key: string): string {
  return `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * Turns ajv errors into short path-and-message pairs that read well to a person or a model:
 * a missing or unexpected property is named in the path itself.
 */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): SchemaError[] {
  return (errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params['missingProperty'] === 'string') {
      return {
        path: e.instancePath + pointerSegment(params['missingProperty']),
        message: 'is required',
      };
    }
    if (e.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
      return {
        path: e.instancePath + pointerSegment(params['additionalProperty']),
        message: 'is not allowed',
      };
    }
    if (e.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
      const allowed = params['allowedValues'].map((v) => JSON.stringify(v)).join(', ');
      return { path: e.instancePath, message: `must be one of ${allowed}` };
    }
    return { path: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  });
}
