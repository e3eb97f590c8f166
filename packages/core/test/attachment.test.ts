import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Attachment } from "../src/index";
import { asSystem } from "./support";

const ref = () => `ticket#${randomBytes(6).toString("hex")}`;
const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(200)]);

describe("attachments through presigned URLs (s3rver)", () => {
  it("uploads the declared file, confirms it, and reads it back through a download link", async () => {
    const r = ref();
    const { attachment, upload } = await asSystem(() =>
      Attachment.prepareUpload({ ref: r, fileName: "漏水照片.png", contentType: "image/png", size: png.length }),
    );
    const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: png });
    expect(put.status).toBe(200);
    const stored = await Attachment.confirm(attachment.attachmentID, r);
    expect(stored.status).toBe("stored");
    const url = await Attachment.downloadURL(attachment.attachmentID, r);
    const got = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(got.equals(png)).toBe(true);
    expect((await Attachment.listByRef(r)).map((a) => a.attachmentID)).toEqual([attachment.attachmentID]);
  });

  it("refuses a wrong file type and an oversized file before any upload", async () => {
    for (const input of [
      { contentType: "text/html", size: 100, field: "contentType" },
      { contentType: "image/png", size: Attachment.MAX_BYTES + 1, field: "size" },
    ]) {
      const r = ref();
      const error = await Promise.resolve()
        .then(() => Attachment.prepareUpload({ ref: r, fileName: "x", contentType: input.contentType, size: input.size }))
        .catch((e) => e);
      expect(error.code).toBe("validation.failed");
      expect(error.fields[0].field).toBe(input.field);
      expect(error.fields[0].message["zh-CN"]).toMatch(/文件/);
      expect(await Attachment.listByRef(r)).toHaveLength(0);
    }
  });

  it("deletes and refuses an upload that does not match what was declared", async () => {
    const r = ref();
    const { attachment, upload } = await Attachment.prepareUpload({ ref: r, fileName: "a.png", contentType: "image/png", size: 10 });
    // A different body than declared: the signature binds the length, or confirm catches it.
    const put = await fetch(upload.url, { method: "PUT", headers: { "content-type": "image/png" }, body: png }).catch(() => undefined);
    if (put && put.status === 200) {
      const error = await Attachment.confirm(attachment.attachmentID, r).catch((e) => e);
      expect(error.code).toBe("validation.failed");
    }
    const error = await Attachment.downloadURL(attachment.attachmentID, r).catch((e) => e);
    expect(error.code).toBe("attachment.not_found");
  });

  it("confirming before uploading says so; another ref cannot see the file", async () => {
    const r = ref();
    const { attachment } = await Attachment.prepareUpload({ ref: r, fileName: "a.pdf", contentType: "application/pdf", size: 10 });
    expect((await Attachment.confirm(attachment.attachmentID, r).catch((e) => e)).code).toBe("attachment.not_uploaded");
    expect((await Attachment.confirm(attachment.attachmentID, ref()).catch((e) => e)).code).toBe("attachment.not_found");
  });
});
