import type { ZodError, ZodIssue } from "zod";

export type Message = { "zh-CN": string; en: string };
export type FieldError = { field: string; code: string; message: Message };

/**
 * A domain error: a stable dotted code, an HTTP-ish status and a message in both languages.
 * One place (the API's error mapping) turns these into responses; anything else is a 500.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Message,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 = 400,
    readonly fields?: FieldError[],
  ) {
    super(`${code}: ${messages.en}`);
    this.name = "DomainError";
  }
}

export class ValidationError extends DomainError {
  constructor(fields: FieldError[]) {
    super("validation.failed", { "zh-CN": "输入有误，请检查标出的字段", en: "Some fields are invalid" }, 400, fields);
    this.name = "ValidationError";
  }
  static field(field: string, code: string, message: Message) {
    return new ValidationError([{ field, code, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, zh: string, en: string) {
    super(`${what}.not_found`, { "zh-CN": `${zh}不存在`, en: `${en} not found` }, 404);
  }
}

export class UnauthorizedError extends DomainError {
  constructor() {
    super("auth.required", { "zh-CN": "请先登录", en: "Please sign in" }, 401);
  }
}

export class ForbiddenError extends DomainError {
  constructor(messages: Message = { "zh-CN": "您没有执行此操作的权限", en: "You are not allowed to do this" }) {
    super("auth.forbidden", messages, 403);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, messages: Message) {
    super(code, messages, 409);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate.limited", { "zh-CN": "请求过于频繁，请稍后再试", en: "Too many requests, please try again later" }, 429);
  }
}

/** True when DynamoDB refused a conditional write (directly or wrapped by ElectroDB). */
export function isConditionFailed(err: unknown): boolean {
  let e: any = err;
  for (let i = 0; e && i < 4; i++, e = e.cause) {
    if (e.name === "ConditionalCheckFailedException" || e.code === "ConditionalCheckFailedException") return true;
  }
  return false;
}

function issueMessage(issue: ZodIssue): Message {
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined"
        ? { "zh-CN": "必填", en: "Required" }
        : { "zh-CN": `类型错误：应为 ${issue.expected}`, en: `Expected ${issue.expected}, received ${issue.received}` };
    case "too_small":
      if (issue.type === "string")
        return issue.minimum === 1
          ? { "zh-CN": "不能为空", en: "Must not be empty" }
          : { "zh-CN": `至少 ${issue.minimum} 个字符`, en: `At least ${issue.minimum} characters` };
      if (issue.type === "array") return { "zh-CN": `至少选择 ${issue.minimum} 项`, en: `Choose at least ${issue.minimum}` };
      return { "zh-CN": `不能小于 ${issue.minimum}`, en: `Must be at least ${issue.minimum}` };
    case "too_big":
      if (issue.type === "string") return { "zh-CN": `最多 ${issue.maximum} 个字符`, en: `At most ${issue.maximum} characters` };
      if (issue.type === "array") return { "zh-CN": `最多 ${issue.maximum} 项`, en: `At most ${issue.maximum} items` };
      return { "zh-CN": `不能大于 ${issue.maximum}`, en: `Must be at most ${issue.maximum}` };
    case "invalid_string":
      if (issue.validation === "email") return { "zh-CN": "邮箱地址格式不正确", en: "Not a valid email address" };
      if (issue.validation === "regex") return { "zh-CN": "格式不正确", en: "Wrong format" };
      if (issue.validation === "datetime") return { "zh-CN": "日期时间格式不正确", en: "Not a valid date-time" };
      return { "zh-CN": "格式不正确", en: "Wrong format" };
    case "invalid_enum_value":
      return { "zh-CN": `取值无效，可选：${issue.options.join("、")}`, en: `Must be one of: ${issue.options.join(", ")}` };
    case "unrecognized_keys":
      return { "zh-CN": `不支持的字段：${issue.keys.join("、")}`, en: `Unknown field(s): ${issue.keys.join(", ")}` };
    case "custom": {
      const params = (issue.params ?? {}) as Partial<Message>;
      if (params["zh-CN"] && params.en) return { "zh-CN": params["zh-CN"], en: params.en };
      return { "zh-CN": issue.message, en: issue.message };
    }
    default:
      return { "zh-CN": "取值无效", en: issue.message };
  }
}

export function fromZod(error: ZodError): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => ({
      field: issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : "body"),
      code: issue.code,
      message: issueMessage(issue),
    })),
  );
}
