import { useId, type ReactNode } from 'react';
import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
} from '@utrecht/component-library-react';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
  invalid: boolean;
  required: boolean;
}

interface FieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: (control: ControlProps) => ReactNode;
}

/**
 * One labelled form field (Utrecht FormField): label, optional hint and error, all linked to the
 * control with for/aria-describedby so screen readers read them together.
 */
export function Field({ label, description, error, required = false, children }: FieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <FormField invalid={Boolean(error)} className="signaal-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {required ? <span aria-hidden="true"> *</span> : null}
        </FormLabel>
      </div>
      {description ? (
        <FormFieldDescription id={descriptionId} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      ) : null}
      {error ? (
        <FormFieldErrorMessage id={errorId} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        {children({
          id,
          'aria-describedby': describedBy || undefined,
          'aria-invalid': error ? true : undefined,
          invalid: Boolean(error),
          required,
        })}
      </div>
    </FormField>
  );
}
