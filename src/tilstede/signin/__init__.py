"""Sign-in: single sign-on through OpenID Connect, roles from the identity provider, and
two-factor for local accounts, on django-allauth."""
