from polku_identity.cli import main

main()
