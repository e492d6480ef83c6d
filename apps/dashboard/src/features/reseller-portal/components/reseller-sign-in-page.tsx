import { Anchor, PasswordInput, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useResellerLogin } from '../api/portal';
import { resellerSignInSchema } from '../schemas';

/** /reseller/sign-in: the reseller portal's own sign-in. */
export function ResellerSignInPage() {
  useDocumentTitle('Reseller sign-in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const login = useResellerLogin();
  const form = useSchemaForm(resellerSignInSchema, { username: '', password: '' });

  const submit = form.onSubmit((body) =>
    login.mutate(body, {
      onSuccess: () => void navigate('/reseller', { replace: true }),
      onError: (error) => setApiErrors(form, error),
    }),
  );

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
        errorDetails={formError(form)}
        submitLabel="Sign in"
        notice={notice}
        after={
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Ask your vendor to set a new one.
          </Text>
        }
      >
        <TextInput label="Username" autoComplete="username" {...form.getInputProps('username')} data-autofocus />
        <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
      </AuthForm>
    </AuthLayout>
  );
}
