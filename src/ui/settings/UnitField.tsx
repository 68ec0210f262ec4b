import type { InputHTMLAttributes, ReactNode } from 'react'
import { useCommand, useToast } from '../components/Toasts.tsx'

type UnitFieldProps = {
  id: string
  label: string
  /** Shown after the field: "days", "%". */
  unit: string
  value: string
  onChange: (text: string) => void
  /** Hints and problems below the field. */
  children?: ReactNode
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'placeholder' | 'aria-invalid' | 'aria-describedby'>

/**
 * A whole number of some unit in a settings form, typed as text: a number field would turn "abc" into
 * "" before we could say anything about it, and "" means something in some forms (keep forever).
 */
export const UnitField = ({ id, label, unit, value, onChange, children, ...input }: UnitFieldProps) => (
  <div className="field retention-field">
    <label htmlFor={id}>{label}</label>
    <span className="retention-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
      />
      <span aria-hidden="true">{unit}</span>
    </span>
    {children}
  </div>
)

/**
 * Saves a settings form through `save` (a command that returns whether anything changed); the toast
 * says which, and a refused command shows as every command's error does.
 */
export const useSaveSettings = (savedMessage: string) => {
  const run = useCommand()
  const toast = useToast()
  return (save: () => boolean) => {
    let changed = false
    if (run(() => (changed = save()))) {
      toast({
        tone: 'info',
        message: changed ? savedMessage : 'No change: these are already the saved values.',
      })
    }
  }
}
