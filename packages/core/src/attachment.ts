import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Entity } from "electrodb";
import { Bucket } from "sst/node/bucket";
import { ulid } from "ulid";
import { z } from "zod";
import * as Actor from "./actor";
import * as Clock from "./clock";
import { Configuration, service } from "./dynamo";
import { DomainError, NotFoundError, ValidationError } from "./error";
import { fn } from "./util/fn";

/**
 * Attachments (photos, signatures, receipts, stamped forms) live in the bucket and are moved
 * by the browser directly, through short-lived presigned URLs. Locally the SDK reaches s3rver
 * through AWS_ENDPOINT_URL_S3 (an IP endpoint, so path-style addressing is used).
 */
const s3 = new S3Client({});

export const MAX_BYTES = 10 * 1024 * 1024;
export const allowedTypes = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/webp": ".webp",
  "image/heic": ".heic",
  "application/pdf": ".pdf",
} as const;
export type ContentType = keyof typeof allowedTypes;
const UPLOAD_SECONDS = 10 * 60;
const DOWNLOAD_SECONDS = 15 * 60;

const AttachmentEntity = new Entity(
  {
    model: { entity: "attachment", version: "1", service },
    attributes: {
      attachmentID: { type: "string", required: true, readOnly: true },
      ref: { type: "string", required: true, readOnly: true },
      objectKey: { type: "string", required: true, readOnly: true },
      fileName: { type: "string", required: true, readOnly: true },
      contentType: { type: "string", required: true, readOnly: true },
      size: { type: "number", required: true, readOnly: true },
      status: { type: ["pending", "stored"] as const, required: true, default: "pending" },
      uploadedBy: { type: "any" },
      createdAt: { type: "string", required: true, readOnly: true, default: () => Clock.nowISO() },
    },
    indexes: {
      byID: { pk: { field: "pk", composite: ["attachmentID"] }, sk: { field: "sk", composite: [] } },
      byRef: { index: "gsi1", pk: { field: "gsi1pk", composite: ["ref"] }, sk: { field: "gsi1sk", composite: ["attachmentID"] } },
    },
  },
  Configuration,
);

export type Info = {
  attachmentID: string;
  ref: string;
  objectKey: string;
  fileName: string;
  contentType: ContentType;
  size: number;
  status: "pending" | "stored";
  createdAt: string;
};

const typeError = {
  "zh-CN": `文件类型不支持，仅支持 JPG、PNG、WebP、HEIC 图片和 PDF`,
  en: "Unsupported file type; use JPG, PNG, WebP, HEIC images or PDF",
};
const sizeError = { "zh-CN": "文件不能超过 10 MB", en: "The file must not exceed 10 MB" };

export const prepareUploadSchema = z
  .object({
    ref: z.string().min(1).max(120),
    fileName: z.string().trim().min(1).max(120),
    contentType: z.string().refine((t): t is ContentType => t in allowedTypes, { params: typeError }),
    size: z.number().int().positive().refine((n) => n <= MAX_BYTES, { params: sizeError }),
  })
  .strict();

/**
 * Registers an upload and returns a presigned PUT URL. The content type and length are part of
 * the signature, so the browser can upload only the declared file; `confirm` checks what arrived.
 */
export const prepareUpload = fn(prepareUploadSchema, async (input) => {
  const attachmentID = ulid();
  const extension = allowedTypes[input.contentType as ContentType];
  const objectKey = `${input.ref.replace(/[^A-Za-z0-9_-]/g, "_")}/${attachmentID}${extension}`;
  const { data } = await AttachmentEntity.create({
    attachmentID,
    ref: input.ref,
    objectKey,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    status: "pending",
    uploadedBy: Actor.describe(),
  }).go();
  const url = await getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket: Bucket.attachments.bucketName,
      Key: objectKey,
      ContentType: input.contentType,
      ContentLength: input.size,
    }),
    { expiresIn: UPLOAD_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  return {
    attachment: data as Info,
    upload: { url, method: "PUT" as const, headers: { "content-type": input.contentType } },
  };
});

export async function fromID(attachmentID: string): Promise<Info | undefined> {
  const { data } = await AttachmentEntity.get({ attachmentID }).go();
  return (data ?? undefined) as Info | undefined;
}

/** Several attachments in one batch read (list pages), in no particular order. */
async function fromIDs(attachmentIDs: string[]): Promise<Info[]> {
  if (attachmentIDs.length === 0) return [];
  const { data } = await AttachmentEntity.get([...new Set(attachmentIDs)].map((attachmentID) => ({ attachmentID }))).go();
  return data as Info[];
}

export async function listByRef(ref: string): Promise<Info[]> {
  const { data } = await AttachmentEntity.query.byRef({ ref }).go({ pages: "all" });
  return data as Info[];
}

/** Checks the uploaded object against what was declared; a mismatch is deleted and refused. */
export async function confirm(attachmentID: string, ref: string): Promise<Info> {
  const attachment = await fromID(attachmentID);
  if (!attachment || attachment.ref !== ref) throw new NotFoundError("attachment", "附件", "Attachment");
  if (attachment.status === "stored") return attachment;
  let head;
  try {
    head = await s3.send(new HeadObjectCommand({ Bucket: Bucket.attachments.bucketName, Key: attachment.objectKey }));
  } catch {
    throw new DomainError("attachment.not_uploaded", { "zh-CN": "文件尚未上传", en: "The file has not been uploaded" });
  }
  const type = (head.ContentType ?? "").split(";")[0]!.trim();
  if (head.ContentLength !== attachment.size || type !== attachment.contentType || (head.ContentLength ?? 0) > MAX_BYTES) {
    await s3.send(new DeleteObjectCommand({ Bucket: Bucket.attachments.bucketName, Key: attachment.objectKey }));
    throw ValidationError.field("file", "mismatch", {
      "zh-CN": "上传的文件与声明的类型或大小不符，已删除",
      en: "The uploaded file does not match its declared type or size and was removed",
    });
  }
  const { data } = await AttachmentEntity.patch({ attachmentID }).set({ status: "stored" }).go({ response: "all_new" });
  return data as Info;
}

/** A short-lived link to read a stored attachment; callers check who may see `ref` first. */
export async function downloadURL(attachmentID: string, ref: string): Promise<string> {
  const attachment = await fromID(attachmentID);
  if (!attachment || attachment.ref !== ref || attachment.status !== "stored")
    throw new NotFoundError("attachment", "附件", "Attachment");
  return sign(attachment);
}

/**
 * Download links for attachments an aggregate already lists (a ticket's photos, claims'
 * receipts): one batch read, stored files only, keyed by attachment id.
 */
export async function links(attachmentIDs: string[]): Promise<Map<string, { attachmentID: string; fileName: string; url: string }>> {
  const stored = (await fromIDs(attachmentIDs)).filter((a) => a.status === "stored");
  const signed = await Promise.all(stored.map(async (a) => ({ attachmentID: a.attachmentID, fileName: a.fileName, url: await sign(a) })));
  return new Map(signed.map((s) => [s.attachmentID, s]));
}

function sign(attachment: Info): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: Bucket.attachments.bucketName,
      Key: attachment.objectKey,
      ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    }),
    { expiresIn: DOWNLOAD_SECONDS },
  );
}
