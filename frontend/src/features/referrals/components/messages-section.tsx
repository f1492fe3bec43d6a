import { Button, TextArea } from "hds-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ErrorSummary, useFormErrors } from "../../../components/form";
import { focusWhenPresent } from "../../../components/form-on-request";
import { StatusMessage } from "../../../components/status-message";
import { formatDateTime } from "../../../lib/format";
import { errorProps, loadErrorMessage } from "../../../lib/form-errors";
import { useMessages, usePostMessage } from "../api/messages";

const FIELDS = ["body"] as const;
/** Who writes and reads a referral's messages (referrals-api): the sender's coaches and managers, and the partner. */
export const MESSAGING_ROLES = ["coach", "manager", "partner"] as const;
const MAX_LENGTH = 2000;

interface MessageForm {
  body: string;
}

/**
 * Messages between the coach and the partner on the referral: each with its writer and organisation, the unread
 * ones marked; writing one moves focus to it so that a screen reader hears it was sent.
 */
export function MessagesSection({ referralId, me }: { referralId: string; me?: string }) {
  const { t } = useTranslation();
  const thread = useMessages(referralId);
  const post = usePostMessage(referralId);
  const [sent, setSent] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<MessageForm>({ defaultValues: { body: "" } });
  const failures = useFormErrors<MessageForm>({ form: "messages", fields: FIELDS, setError });
  const items = thread.data?.items ?? [];
  const firstUnread = thread.data ? items.length - thread.data.unread : items.length;

  const onSubmit = handleSubmit(async (form) => {
    failures.clear();
    setSent(null);
    const body = form.body.trim();
    if (!body) {
      setError("body", { type: "required", message: t("messages.required") });
      failures.fail(t("errors.formTitle"), [t("messages.required")]);
      return;
    }
    try {
      await post.mutateAsync(body);
      reset({ body: "" });
      setSent(t("messages.sent"));
      // The thread, once it shows the message: the first one sent makes the list appear only when fetched again.
      const sender = document.activeElement;
      focusWhenPresent("messages-list", () => [sender, document.body, null].includes(document.activeElement));
    } catch (error) {
      if (!failures.showProblem(error)) failures.fail(t("errors.formTitle"), [t("errors.unexpected")]);
    }
  });

  return (
    <section aria-labelledby="messages-title" className="page-section">
      <h2 id="messages-title">
        {t("messages.title")}
        {thread.data?.unread ? ` (${t("messages.unread", { count: thread.data.unread })})` : ""}
      </h2>
      {thread.isPending ? <p>{t("app.loading")}</p> : null}
      {thread.isError ? <p role="alert">{loadErrorMessage(t, thread.error)}</p> : null}
      {thread.data && !items.length ? <p>{t("messages.none")}</p> : null}
      {items.length ? (
        <ol id="messages-list" className="plain-list timeline" aria-label={t("messages.title")} tabIndex={-1}>
          {items.map((message, index) => (
            <li key={message.id} className={index >= firstUnread ? "timeline__item--new" : undefined}>
              <p className="timeline__meta">
                {message.author_subject === me
                  ? t("messages.byYou", { at: formatDateTime(message.created_at) })
                  : t("messages.by", {
                      at: formatDateTime(message.created_at),
                      name: message.author_name ?? t("messages.unknownWriter"),
                      organisation: message.author_organisation_name ?? "",
                    })}
                {index >= firstUnread ? <strong> {t("messages.new")}</strong> : null}
              </p>
              <p className="note">{message.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {sent ? <StatusMessage>{sent}</StatusMessage> : null}
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="message-form-title">
        <h3 id="message-form-title">{t("messages.write")}</h3>
        <ErrorSummary errors={failures} />
        <TextArea
          id="body"
          label={t("messages.body")}
          helperText={t("messages.help", { max: MAX_LENGTH })}
          maxLength={MAX_LENGTH}
          {...errorProps(errors.body)}
          {...register("body")}
        />
        <div className="form__actions">
          <Button type="submit" disabled={isSubmitting}>
            {t("messages.send")}
          </Button>
        </div>
      </form>
    </section>
  );
}
