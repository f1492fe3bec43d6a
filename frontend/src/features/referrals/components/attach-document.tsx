import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "hds-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { StatusMessage } from "../../../components/status-message";
import { ApiError } from "../../../lib/problem";
import { useAttachDocument } from "../api/attach-document";
import { ACCEPT, documentName, mediaTypeOf } from "../documents";
import { type UploadForm, uploadSchema } from "../schemas";

/** The roles referrals-api lets attach a document (both parties: the sender's staff and the partner). */
export const ATTACHING_ROLES = ["coach", "manager", "admin", "partner"] as const;

/**
 * Attaches a short document to the referral. The type and size are checked before sending; what the service still
 * refuses (too large 413, a content not of its type 415, a name it does not take 422) is said next to the file field.
 */
export function AttachDocument({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const attach = useAttachDocument(referralId);
  const [message, setMessage] = useState<string | null>(null);
  const schema = useMemo(() => uploadSchema(t), [t]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<UploadForm>({ resolver: zodResolver(schema), defaultValues: { file: undefined } });

  const failures = useFormErrors({ form: "referral.upload" });

  const refuse = (text: string) => setError("file", { type: "server", message: text }, { shouldFocus: true });

  const onSubmit = handleSubmit(async (form, event) => {
    setMessage(null);
    failures.clear();
    const file = form.file![0];
    const filename = documentName(file.name);
    try {
      await attach.mutateAsync({ filename, mediaType: mediaTypeOf(file)!, content: file });
      // A file input keeps its file through the form library's reset: emptied here so the next one starts afresh.
      const input = event?.target instanceof HTMLFormElement ? event.target.elements.namedItem("file") : null;
      if (input instanceof HTMLInputElement) input.value = "";
      reset();
      setMessage(t("referral.upload.attached", { name: filename }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) {
        refuse(t("referral.upload.tooLarge"));
      } else if (error instanceof ApiError && error.status === 415) {
        refuse(t("referral.upload.refusedType"));
      } else if (error instanceof ApiError && error.status === 422) {
        const onName = error.problem?.errors?.some((problem) => problem.field.endsWith("filename")) ?? false;
        refuse(onName ? t("referral.upload.badName") : t("referral.upload.refused"));
      } else if (error instanceof ApiError && error.status === 403) {
        failures.fail(t("errors.forbidden"));
      } else if (error instanceof ApiError && error.status === 404) {
        failures.fail(t("referral.notFound"));
      } else {
        failures.fail(t("errors.unexpected"));
      }
    }
  });

  const errorId = "document-file-error";
  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="attach-title">
      <h3 id="attach-title">{t("referral.upload.title")}</h3>
      <ErrorSummary errors={failures} />
      <div className={`form-field${errors.file ? " form-field--invalid" : ""}`}>
        <label htmlFor="document-file" className="form-field__label">
          {t("referral.upload.file")}
          <span aria-hidden="true"> *</span>
        </label>
        <p id="document-file-help" className="form-help">
          {t("referral.upload.help")}
        </p>
        <input
          id="document-file"
          type="file"
          className="form-field__file"
          accept={ACCEPT}
          required
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? `document-file-help ${errorId}` : "document-file-help"}
          {...register("file", { onChange: () => setMessage(null) })}
        />
        {errors.file ? (
          <p id={errorId} className="form-field__error">
            {errors.file.message}
          </p>
        ) : null}
      </div>
      <div className="form__actions">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("referral.upload.sending") : t("referral.upload.attach")}
        </Button>
        <StatusMessage>{message}</StatusMessage>
      </div>
    </form>
  );
}
