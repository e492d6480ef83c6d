import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { getFieldErrors } from '@/lib/errors';
import { useLogin } from '../api/login';
import { homeAfterSignIn } from '../redirect';
import { collectErrors, hasErrors, validateEmail, validatePassword, type FieldErrors } from '../validation';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';

type Field = 'email' | 'password';

interface SignInState {
  notice?: string;
}

export function SignInPage() {
  useDocumentTitle('Sign in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as SignInState | null)?.notice;
  const login = useLogin();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors({ email: validateEmail(values.email), password: validatePassword(values.password) });
    setErrors(found);
    if (hasErrors(found)) return;
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate(homeAfterSignIn(location.state), { replace: true }),
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <AuthLayout
      title="Welcome back"
      description="Sign in to manage your apps, licenses and users."
      footer={
        <>
          New to Keyhold?{' '}
          <Anchor component={Link} to="/sign-up" fw={500}>
            Create an account
          </Anchor>
        </>
      }
    >
      <AuthForm
        label="Sign in"
        onSubmit={submit}
        status={login}
        errorTitle="Could not sign in"
        submitLabel="Sign in"
        notice={notice}
      >
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          value={values.email}
          onChange={(e) => change('email')(e.currentTarget.value)}
          error={errors.email}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          placeholder="Your password"
          value={values.password}
          onChange={(e) => change('password')(e.currentTarget.value)}
          error={errors.password}
        />
      </AuthForm>
    </AuthLayout>
  );
}
