/** A form's error, announced to screen readers; nothing when there is none. */
export const FormError = ({ error, id }: { error: string | null; id?: string }) =>
  error === null ? null : (
    <p className="form-error" id={id} role="alert">
      {error}
    </p>
  )
