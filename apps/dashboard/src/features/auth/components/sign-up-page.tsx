import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { getFieldErrors } from '@/lib/errors';
import { useRegister } from '../api/register';
import {
  collectErrors,
  hasErrors,
  PASSWORD_MIN,
  validateEmail,
  validateName,
  validatePassword,
  type FieldErrors,
} from '../validation';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';

type Field = 'name' | 'email' | 'password';

export function SignUpPage() {
  useDocumentTitle('Create account · Keyhold');
  const navigate = useNavigate();
  const registerSeller = useRegister();
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors({
      name: validateName(values.name),
      email: validateEmail(values.email),
      password: validatePassword(values.password),
    });
    setErrors(found);
    if (hasErrors(found)) return;
    registerSeller.mutate(
      { name: values.name.trim(), email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate('/apps', { replace: true }),
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <AuthLayout
      title="Create your account"
      description="Start licensing your desktop software in minutes."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in" fw={500}>
            Sign in
          </Anchor>
        </>
      }
    >
      <AuthForm
        label="Create account"
        onSubmit={submit}
        status={registerSeller}
        errorTitle="Could not create the account"
        submitLabel="Create account"
      >
        <TextInput
          label="Name"
          description="You or your company, as your customers know you"
          autoComplete="organization"
          placeholder="Acme Software"
          value={values.name}
          onChange={(e) => change('name')(e.currentTarget.value)}
          error={errors.name}
          data-autofocus
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          value={values.email}
          onChange={(e) => change('email')(e.currentTarget.value)}
          error={errors.email}
        />
        <PasswordInput
          label="Password"
          description={`At least ${PASSWORD_MIN} characters`}
          autoComplete="new-password"
          placeholder="Choose a password"
          value={values.password}
          onChange={(e) => change('password')(e.currentTarget.value)}
          error={errors.password}
        />
      </AuthForm>
    </AuthLayout>
  );
}
