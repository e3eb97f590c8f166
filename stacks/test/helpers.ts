import type { Template } from "aws-cdk-lib/assertions";

export interface Resource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, any>;
}

export function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

export function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

export function actions(statement: Statement): string[] {
  return ([] as string[]).concat(statement.Action);
}

export function resourceList(statement: Statement): unknown[] {
  return ([] as unknown[]).concat(statement.Resource);
}

/** Functions built by SST's Function construct (ours), as opposed to CDK/SST helper handlers. */
export function sstFunctions(template: Template): [string, Resource][] {
  return resources(template, "AWS::Lambda::Function").filter(
    ([, fn]) => fn.Properties?.Environment?.Variables?.SST_APP !== undefined,
  );
}

/** Every statement of every identity policy attached to the given role. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  return resources(template, "AWS::IAM::Policy")
    .filter(([, policy]) =>
      (policy.Properties?.Roles ?? []).some((r: any) => r?.Ref === roleLogicalId),
    )
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as Statement[]);
}

export function functionRoleId(fn: Resource): string {
  const role = fn.Properties?.Role;
  const id = role?.["Fn::GetAtt"]?.[0];
  if (typeof id !== "string") throw new Error(`function role is not a local role: ${JSON.stringify(role)}`);
  return id;
}

export function functionStatements(template: Template, fn: Resource): Statement[] {
  return roleStatements(template, functionRoleId(fn));
}

/** Flattens an Fn::Join of literal strings and tokens into one string, tokens shown as ${...}. */
export function joined(value: unknown): string {
  if (typeof value === "string") return value;
  const join = (value as any)?.["Fn::Join"];
  if (Array.isArray(join)) {
    return (join[1] as unknown[]).map((part) => (typeof part === "string" ? part : `\${${JSON.stringify(part)}}`)).join(join[0]);
  }
  return `\${${JSON.stringify(value)}}`;
}

/** Evaluates the string intrinsics CloudFormation would (Select, Split, Join, ImportValue). */
export function evaluate(value: unknown, importValue: (exportName: string) => string): any {
  if (typeof value === "string" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, importValue));
  const [fn, args] = Object.entries(value as Record<string, any>)[0] ?? [];
  switch (fn) {
    case "Fn::ImportValue":
      return importValue(evaluate(args, importValue));
    case "Fn::Split":
      return (evaluate(args[1], importValue) as string).split(args[0]);
    case "Fn::Select":
      return (evaluate(args[1], importValue) as unknown[])[Number(args[0])];
    case "Fn::Join":
      return (evaluate(args[1], importValue) as string[]).join(args[0]);
    default:
      throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  }
}
