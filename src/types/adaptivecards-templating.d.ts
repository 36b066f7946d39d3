// The package's own declarations import the adaptivecards TypeScript sources, which do not
// compile under this project's settings; tsconfig "paths" points here instead.
export interface IEvaluationContext {
  $root?: unknown;
}

export class Template {
  constructor(payload: unknown);
  expand(context: IEvaluationContext): unknown;
}
