import { KeyholdError } from '@keyhold/sdk';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FORM_ERROR, formError, setApiErrors, useSchemaForm } from './form';

const schema = z.object({
  name: z.string().trim().min(1, 'Name is required'),
  duration: z.string(),
  prices: z.array(z.object({ credits: z.number() })),
});
const refusal = (details: Array<{ field: string; reason: string }>) =>
  new KeyholdError(400, 'VALIDATION_FAILED', 'Request validation failed', details);

function renderForm() {
  return renderHook(() => useSchemaForm(schema, { name: '', duration: '30', prices: [{ credits: 1 }] })).result;
}

describe('useSchemaForm', () => {
  it("checks with the schema and hands the submit handler the schema's output", () => {
    const form = renderForm();
    const sent: unknown[] = [];
    act(() => form.current.onSubmit((values) => void sent.push(values))());
    expect(form.current.errors).toEqual({ name: 'Name is required' });
    expect(sent).toEqual([]);

    act(() => form.current.setFieldValue('name', '  Acme '));
    act(() => form.current.onSubmit((values) => void sent.push(values))());
    expect(sent).toEqual([{ name: 'Acme', duration: '30', prices: [{ credits: 1 }] }]);
  });
});

describe('setApiErrors', () => {
  it('puts each detail on the field it names, through aliases and into lists', () => {
    const form = renderForm();
    act(() =>
      setApiErrors(
        form.current,
        refusal([
          { field: 'name', reason: 'name is taken' },
          { field: 'name', reason: 'a second reason' },
          { field: 'durationDays', reason: 'durationDays has no price' },
          { field: 'prices.0.credits', reason: 'credits must not be negative' },
        ]),
        { durationDays: 'duration' },
      ),
    );
    expect(form.current.errors).toEqual({
      name: 'name is taken',
      duration: 'durationDays has no price',
      'prices.0.credits': 'credits must not be negative',
    });
    expect(formError(form.current)).toEqual({ unplaced: undefined });
  });

  it('keeps what names no field of the form as the form-level error', () => {
    const form = renderForm();
    act(() =>
      setApiErrors(
        form.current,
        refusal([
          { field: 'appId', reason: 'appId is invalid' },
          { field: 'prices.3.credits', reason: 'credits is too large' },
        ]),
      ),
    );
    expect(form.current.errors).toEqual({ [FORM_ERROR]: 'appId is invalid; credits is too large' });
  });

  it('clears earlier errors for a refusal without details (its message is the alert)', () => {
    const form = renderForm();
    act(() => form.current.setFieldError('name', 'Name is required'));
    act(() => setApiErrors(form.current, new KeyholdError(409, 'USERNAME_TAKEN', 'Username is already taken')));
    expect(form.current.errors).toEqual({});
  });
});
