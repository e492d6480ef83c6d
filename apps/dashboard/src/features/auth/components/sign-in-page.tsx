import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useLogin } from '../api/login';
import { homeAfterSignIn } from '../redirect';
import { signInSchema } from '../schemas';

interface SignInState {
  notice?: string;
}

export function SignInPage() {
  useDocumentTitle('Sign in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as SignInState | null)?.notice;
  const login = useLogin();
  const form = useSchemaForm(signInSchema, { email: '', password: '' });

  const submit = form.onSubmit((body) =>
    login.mutate(body, {
      onSuccess: () => void navigate(homeAfterSignIn(location.state), { replace: true }),
      onError: (error) => setApiErrors(form, error),
    }),
  );

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
        errorDetails={formError(form)}
        submitLabel="Sign in"
        notice={notice}
      >
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          {...form.getInputProps('email')}
          data-autofocus
        />
        <PasswordInput label="Password" autoComplete="current-password" placeholder="Your password" {...form.getInputProps('password')} />
      </AuthForm>
    </AuthLayout>
  );
}
