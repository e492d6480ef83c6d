import { KeyholdError } from '@keyhold/sdk';
import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useLogin } from '../api/login';
import { useSignupStatus } from '../api/get-signup-status';
import { homeAfterSignIn } from '../redirect';
import { signInSchema } from '../schemas';

interface SignInState {
  notice?: string;
}

const TWO_FACTOR_NOTICE = 'Two-factor sign-in is on for this account: enter the code from your authenticator app to continue.';

const INVALID_CODE_MESSAGE = 'This code is not valid: enter the current code of your authenticator app, or an unused recovery code';

const isCode = (error: unknown, code: string) => error instanceof KeyholdError && error.code === code;

export function SignInPage() {
  useDocumentTitle('Sign in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as SignInState | null)?.notice;
  const login = useLogin();
  const signup = useSignupStatus();
  // Set once the API answered TWO_FACTOR_REQUIRED: the code field shows, and stays for the next tries.
  const [withCode, setWithCode] = useState(false);
  const form = useSchemaForm(signInSchema({ withCode }), { email: '', password: '', code: '' });

  const submit = form.onSubmit((body) =>
    login.mutate(body, {
      onSuccess: () => void navigate(homeAfterSignIn(location.state), { replace: true }),
      onError: (error) => {
        setApiErrors(form, error);
        if (isCode(error, 'TWO_FACTOR_REQUIRED')) setWithCode(true);
        if (isCode(error, 'INVALID_TWO_FACTOR_CODE')) form.setFieldError('code', INVALID_CODE_MESSAGE);
      },
    }),
  );

  // The code's refusals are said on the field (or as the step's notice), not in the red alert.
  const codeRefusal = isCode(login.error, 'TWO_FACTOR_REQUIRED') || isCode(login.error, 'INVALID_TWO_FACTOR_CODE');
  const status = { isPending: login.isPending, isError: login.isError && !codeRefusal, error: login.error };
  // Sign-up may be closed on this server; the link shows once the server said it is open (or could not say).
  const canSignUp = signup.data?.open ?? signup.isError;

  return (
    <AuthLayout
      title="Welcome back"
      description="Sign in to manage your apps, licenses and users."
      footer={
        canSignUp ? (
          <>
            New to Keyhold?{' '}
            <Anchor component={Link} to="/sign-up" fw={500}>
              Create an account
            </Anchor>
          </>
        ) : null
      }
    >
      <AuthForm
        label="Sign in"
        onSubmit={submit}
        status={status}
        errorTitle="Could not sign in"
        errorDetails={formError(form)}
        submitLabel="Sign in"
        notice={withCode ? TWO_FACTOR_NOTICE : notice}
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
        {withCode && (
          <TextInput
            label="Two-factor code"
            description="The 6-digit code from your authenticator app, or one of your recovery codes"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            classNames={{ input: 'kh-mono' }}
            {...form.getInputProps('code')}
            // The field appears after the first try: the cursor goes there.
            autoFocus
          />
        )}
      </AuthForm>
    </AuthLayout>
  );
}
