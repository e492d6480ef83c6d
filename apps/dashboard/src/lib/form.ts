import { KeyholdError } from '@keyhold/sdk';
import { schemaResolver, useForm, type FormErrors, type UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import type { z } from 'zod';

/**
 * The dashboard's one form primitive: values and errors live in @mantine/form, the checks are a
 * zod schema (built from libs/contracts' rules), and the submit handler receives the schema's
 * output, so what is sent is exactly what was checked (trimmed strings, numbers, the request shape).
 */

/** The values a form holds (what its inputs edit), `Record` so that @mantine/form can walk it. */
type FormValues = Record<string, unknown>;

export type SchemaForm<Values extends FormValues = FormValues, Output = Values> = UseFormReturnType<Values, Output>;

/** Where `form.errors` keeps the part of an API refusal that names no field of the form. */
export const FORM_ERROR = '$form';

/**
 * A form checked by `schema`. `initialValues` are read once, when the form mounts: to start from
 * other values, mount another form (a `key`, a modal's body), never an effect that resets it. The
 * schema is read at each render, so one built from props (a balance) checks against their value now.
 */
export function useSchemaForm<S extends z.ZodType<unknown, FormValues>>(
  schema: S,
  initialValues: z.input<S>,
): SchemaForm<z.input<S>, z.output<S>> {
  return useForm<z.input<S>, z.output<S>>({
    mode: 'controlled',
    initialValues,
    validate: schemaResolver(schema, { sync: true }),
    // Runs only once the checks passed (onSubmit validates first), so parse cannot throw here.
    transformValues: (values) => schema.parse(values),
  });
}

/**
 * An API refusal onto the form, in one place for every form: each VALIDATION_FAILED detail goes
 * on the field it names (`aliases` maps an API field to the form's name for it, e.g.
 * `{ durationDays: 'duration' }`); the details that name no field of the form are kept under
 * FORM_ERROR, shown by the form's alert next to the API's message. Replaces the form's errors.
 */
export function setApiErrors(
  form: Pick<SchemaForm, 'getValues' | 'setErrors'>,
  error: unknown,
  aliases: Record<string, string> = {},
): void {
  const details = error instanceof KeyholdError ? (error.details ?? []) : [];
  const values = form.getValues();
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const { field, reason } of details) {
    const path = aliases[field] ?? field;
    if (!hasPath(values, path)) unplaced.push(reason);
    else if (!errors[path]) errors[path] = reason; // the first reason of a field is enough
  }
  if (unplaced.length > 0) errors[FORM_ERROR] = unplaced.join('; ');
  form.setErrors(errors);
}

/** Whether a dotted path (`prices.0.credits`) names a value of the form. */
function hasPath(values: unknown, path: string): boolean {
  let node = values;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * What a form that places an API refusal with `setApiErrors` tells its alert: the reasons that
 * name no field of the form. Passing it says the others are on their fields (see MutationErrorAlert).
 */
export interface FormErrorDetails {
  unplaced?: ReactNode;
}

/** The form-level part of the last API refusal, for the form's alert. */
export function formError(form: Pick<SchemaForm, 'errors'>): FormErrorDetails {
  return { unplaced: form.errors[FORM_ERROR] };
}
