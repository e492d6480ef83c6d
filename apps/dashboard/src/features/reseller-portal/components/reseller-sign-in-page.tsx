import { Anchor, PasswordInput, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { getFieldErrors } from '@/lib/errors';
import { useResellerLogin } from '../api/portal';

type Field = 'username' | 'password';

/** /reseller/sign-in: the reseller portal's own sign-in. */
export function ResellerSignInPage() {
  useDocumentTitle('Reseller sign-in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const login = useResellerLogin();
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      username: values.username.trim() ? undefined : 'Username is required',
      password: values.password ? undefined : 'Password is required',
    };
    setErrors(found);
    if (found.username || found.password) return;
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => void navigate('/reseller', { replace: true }),
        onError: (error) => setErrors(getFieldErrors(error)),
      },
    );
  };

  return (
    <AuthLayout
      title="Reseller portal"
      description="Sign in with the account your vendor gave you to generate and track keys."
      footer={
        <>
          Selling your own software?{' '}
          <Anchor component={Link} to="/sign-in" fw={500}>
            Seller sign-in
          </Anchor>
        </>
      }
    >
      <AuthForm
        label="Reseller sign in"
        onSubmit={submit}
        status={login}
        errorTitle="Could not sign in"
        submitLabel="Sign in"
        notice={notice}
        after={
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Ask your vendor to set a new one.
          </Text>
        }
      >
        <TextInput
          label="Username"
          autoComplete="username"
          value={values.username}
          onChange={(e) => change('username')(e.currentTarget.value)}
          error={errors.username}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={values.password}
          onChange={(e) => change('password')(e.currentTarget.value)}
          error={errors.password}
        />
      </AuthForm>
    </AuthLayout>
  );
}
