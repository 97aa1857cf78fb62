import ChiSoCLI
ChiSoCommand.main()
